// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC2981} from "@openzeppelin/contracts/interfaces/IERC2981.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {IPlots} from "../src/interfaces/IPlots.sol";
import {Base} from "./Base.t.sol";

contract PlotsTest is Base {
    // ------------------------------------------------------------------ buy

    function test_buy_mintsAndPaysTreasury() public {
        uint256 before = token.balanceOf(treasury);
        vm.expectEmit(address(plots));
        emit IPlots.PlotBought(PARIS, alice, PRICE);
        vm.prank(alice);
        plots.buy(PARIS, PRICE);
        assertEq(plots.ownerOf(PARIS), alice);
        assertEq(token.balanceOf(treasury) - before, PRICE);
    }

    function test_buy_revertsOnInvalidCell() public {
        uint256 res6 = 0x861fb4667ffffff;
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidCell.selector, res6));
        vm.prank(alice);
        plots.buy(res6, PRICE);
    }

    function test_buy_revertsWhenOwned() public {
        vm.prank(alice);
        plots.buy(PARIS, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IPlots.PlotAlreadyOwned.selector, PARIS, alice));
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
    }

    function test_buy_revertsWithoutAllowance() public {
        vm.prank(bob);
        token.approve(address(plots), 0);
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, address(plots), 0, PRICE)
        );
        vm.prank(bob);
        plots.buy(PARIS, PRICE);
    }

    function testFuzz_buy_onlyValidPlotsMint(uint256 id) public {
        if (!plots.isValidCell(id)) {
            vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidCell.selector, id));
        }
        vm.prank(alice);
        plots.buy(id, PRICE);
        if (plots.isValidCell(id)) assertEq(plots.ownerOf(id), alice);
    }

    function testFuzz_buy_chargesCurrentPrice(uint96 price) public {
        price = uint96(bound(price, 1, 1_000_000e18));
        vm.prank(admin);
        plots.setPrimaryPrice(price);
        uint256 before = token.balanceOf(alice);
        vm.prank(alice);
        plots.buy(PARIS, price);
        assertEq(before - token.balanceOf(alice), price);
    }

    function test_buyWithPermit_needsNoApprove() public {
        vm.prank(alice);
        token.approve(address(plots), 0);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(plots), PRICE, deadline);
        vm.prank(alice);
        plots.buyWithPermit(PARIS, PRICE, deadline, v, r, s);
        assertEq(plots.ownerOf(PARIS), alice);
        assertEq(token.allowance(alice, address(plots)), 0);
    }

    function test_buyWithPermit_worksWhenPermitWasFrontRun() public {
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(plots), PRICE, deadline);
        token.permit(alice, address(plots), PRICE, deadline, v, r, s); // someone else used it first
        vm.prank(alice);
        plots.buyWithPermit(PARIS, PRICE, deadline, v, r, s);
        assertEq(plots.ownerOf(PARIS), alice);
    }

    // ------------------------------------------------------------------ buyBatch

    function test_buyBatch_mintsAllForOnePayment() public {
        uint256[] memory cells = _cells(10);
        uint256 before = token.balanceOf(treasury);
        vm.prank(alice);
        plots.buyBatch(cells, PRICE * cells.length);
        for (uint256 i; i < cells.length; ++i) {
            assertEq(plots.ownerOf(cells[i]), alice);
        }
        assertEq(plots.balanceOf(alice), 10);
        assertEq(token.balanceOf(treasury) - before, PRICE * 10);
    }

    function test_buyBatch_revertsOnEmptyAndTooLong() public {
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidBatchLength.selector, 0, 100));
        vm.prank(alice);
        plots.buyBatch(new uint256[](0), 0);
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidBatchLength.selector, 101, 100));
        vm.prank(alice);
        plots.buyBatch(_cells(101), type(uint256).max);
    }

    function test_buyBatch_revertsWholeBatchOnOneOwned() public {
        uint256[] memory cells = _cells(5);
        vm.prank(bob);
        plots.buy(cells[3], PRICE);
        vm.expectRevert(abi.encodeWithSelector(IPlots.PlotAlreadyOwned.selector, cells[3], bob));
        vm.prank(alice);
        plots.buyBatch(cells, PRICE * cells.length);
        assertEq(plots.balanceOf(alice), 0);
    }

    function test_buyBatch_revertsOnDuplicate() public {
        uint256[] memory cells = _cells(3);
        cells[2] = cells[0];
        vm.expectRevert(abi.encodeWithSelector(IPlots.PlotAlreadyOwned.selector, cells[0], alice));
        vm.prank(alice);
        plots.buyBatch(cells, PRICE * cells.length);
    }

    function test_buyBatchWithPermit_paysTotal() public {
        vm.prank(alice);
        token.approve(address(plots), 0);
        uint256[] memory cells = _cells(4);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(plots), PRICE * 4, deadline);
        vm.prank(alice);
        plots.buyBatchWithPermit(cells, PRICE * cells.length, deadline, v, r, s);
        assertEq(plots.balanceOf(alice), 4);
    }

    // ------------------------------------------------------------------ market

    function test_list_storesListing() public {
        _own(alice, PARIS);
        vm.expectEmit(address(plots));
        emit IPlots.PlotListed(PARIS, alice, 50e18, uint64(block.timestamp + 1 days));
        vm.prank(alice);
        plots.list(PARIS, 50e18, uint64(block.timestamp + 1 days));
        IPlots.Listing memory l = plots.listingOf(PARIS);
        assertEq(l.seller, alice);
        assertEq(l.price, 50e18);
    }

    function test_list_revertsForNonOwner() public {
        _own(alice, PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, bob, alice));
        vm.prank(bob);
        plots.list(PARIS, 1e18, uint64(block.timestamp + 1));
    }

    function test_list_revertsOnBadPriceOrExpiry() public {
        _own(alice, PARIS);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidPrice.selector, 0));
        plots.list(PARIS, 0, uint64(block.timestamp + 1));
        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidPrice.selector, tooBig));
        plots.list(PARIS, tooBig, uint64(block.timestamp + 1));
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidExpiry.selector, uint64(block.timestamp)));
        plots.list(PARIS, 1e18, uint64(block.timestamp));
        vm.stopPrank();
    }

    function test_cancel_clearsListing() public {
        _ownAndList(alice, PARIS, 5e18);
        vm.expectEmit(address(plots));
        emit IPlots.ListingCancelled(PARIS, alice);
        vm.prank(alice);
        plots.cancel(PARIS);
        assertEq(plots.listingOf(PARIS).seller, address(0));
    }

    function test_cancel_revertsWhenNotListedOrNotOwner() public {
        _own(alice, PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotListed.selector, PARIS));
        vm.prank(alice);
        plots.cancel(PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, bob, alice));
        vm.prank(bob);
        plots.cancel(PARIS);
    }

    function test_buyListed_paysSellerAndFee() public {
        _ownAndList(alice, PARIS, 100e18);
        uint256 sellerBefore = token.balanceOf(alice);
        uint256 treasuryBefore = token.balanceOf(treasury);
        vm.expectEmit(address(plots));
        emit IPlots.PlotSold(PARIS, alice, bob, 100e18, 2.5e18);
        vm.prank(bob);
        plots.buyListed(PARIS, 100e18);
        assertEq(plots.ownerOf(PARIS), bob);
        assertEq(token.balanceOf(alice) - sellerBefore, 97.5e18);
        assertEq(token.balanceOf(treasury) - treasuryBefore, 2.5e18);
        assertEq(plots.listingOf(PARIS).seller, address(0));
    }

    function testFuzz_buyListed_conservesHxa(uint96 price, uint16 feeBps) public {
        price = uint96(bound(price, 1, 1_000_000e18));
        feeBps = uint16(bound(feeBps, 0, 1000));
        vm.prank(admin);
        plots.setMarketFee(feeBps);
        _ownAndList(alice, PARIS, price);
        uint256 total = token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(treasury);
        uint256 bobBefore = token.balanceOf(bob);
        vm.prank(bob);
        plots.buyListed(PARIS, price);
        assertEq(bobBefore - token.balanceOf(bob), price);
        assertEq(token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(treasury), total);
    }

    function test_buyListed_revertsCases() public {
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotListed.selector, PARIS));
        vm.prank(bob);
        plots.buyListed(PARIS, 1e18);

        _ownAndList(alice, PARIS, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IPlots.CannotBuyOwnListing.selector, PARIS));
        vm.prank(alice);
        plots.buyListed(PARIS, 10e18);

        vm.expectRevert(abi.encodeWithSelector(IPlots.PriceAboveMax.selector, PARIS, 10e18, 9e18));
        vm.prank(bob);
        plots.buyListed(PARIS, 9e18);

        uint64 expiry = plots.listingOf(PARIS).expiry;
        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IPlots.ListingExpired.selector, PARIS, expiry));
        vm.prank(bob);
        plots.buyListed(PARIS, 10e18);
    }

    function test_buyListedWithPermit_works() public {
        _ownAndList(bob, PARIS, 7e18);
        vm.prank(alice);
        token.approve(address(plots), 0);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(plots), 7e18, deadline);
        vm.prank(alice);
        plots.buyListedWithPermit(PARIS, 7e18, deadline, v, r, s);
        assertEq(plots.ownerOf(PARIS), alice);
    }

    function test_transfer_voidsListing() public {
        _ownAndList(alice, PARIS, 10e18);
        vm.expectEmit(address(plots));
        emit IPlots.ListingCancelled(PARIS, alice);
        vm.prank(alice);
        plots.transferFrom(alice, carol, PARIS);
        assertEq(plots.listingOf(PARIS).seller, address(0));
        // Carol getting the plot back into alice's hands does not revive the old listing.
        vm.prank(carol);
        plots.transferFrom(carol, alice, PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotListed.selector, PARIS));
        vm.prank(bob);
        plots.buyListed(PARIS, 10e18);
    }

    // ------------------------------------------------------------------ views and metadata

    function test_tokenURI_isOnChainJson() public {
        _own(alice, PARIS);
        string memory uri = plots.tokenURI(PARIS);
        bytes memory prefix = bytes("data:application/json;base64,");
        bytes memory b = bytes(uri);
        for (uint256 i; i < prefix.length; ++i) {
            assertEq(b[i], prefix[i]);
        }
        assertGt(b.length, 400);
        // The base64 body decodes back from an encoding of the expected JSON start.
        string memory expectedStart = Base64.encode(bytes('{"name":"HexAds plot 871fb4662ffffff"'));
        bytes memory start = bytes(expectedStart);
        for (uint256 i; i < 40; ++i) {
            assertEq(b[prefix.length + i], start[i]);
        }
    }

    function test_tokenURI_revertsForUnowned() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, PARIS));
        plots.tokenURI(PARIS);
    }

    function test_royaltyInfo_isMarketFeeToTreasury() public view {
        (address receiver, uint256 amount) = plots.royaltyInfo(PARIS, 1000e18);
        assertEq(receiver, treasury);
        assertEq(amount, 25e18);
        assertTrue(plots.supportsInterface(type(IERC2981).interfaceId));
        assertTrue(plots.supportsInterface(type(IERC721).interfaceId));
        assertTrue(plots.supportsInterface(type(IAccessControl).interfaceId));
    }

    // ------------------------------------------------------------------ admin

    function test_admin_setsPriceFeeTreasury() public {
        vm.startPrank(admin);
        vm.expectEmit(address(plots));
        emit IPlots.PrimaryPriceUpdated(3e18);
        plots.setPrimaryPrice(3e18);
        vm.expectEmit(address(plots));
        emit IPlots.MarketFeeUpdated(500);
        plots.setMarketFee(500);
        vm.expectEmit(address(plots));
        emit IPlots.TreasuryUpdated(carol);
        plots.setTreasury(carol);
        vm.stopPrank();
        assertEq(plots.primaryPrice(), 3e18);
        assertEq(plots.marketFeeBps(), 500);
        (address receiver, uint256 amount) = plots.royaltyInfo(PARIS, 100e18);
        assertEq(receiver, carol);
        assertEq(amount, 5e18);
    }

    function test_admin_boundsAndRoles() public {
        vm.startPrank(admin);
        vm.expectRevert(abi.encodeWithSelector(IPlots.FeeTooHigh.selector, 1001, 1000));
        plots.setMarketFee(1001);
        vm.expectRevert(IPlots.ZeroAddress.selector);
        plots.setTreasury(address(0));
        vm.stopPrank();
        bytes32 role = plots.DEFAULT_ADMIN_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, bob, role)
        );
        vm.prank(bob);
        plots.setPrimaryPrice(1);
    }

    function test_constructor_rejectsZeroAddresses() public {
        vm.expectRevert(IPlots.ZeroAddress.selector);
        new PlotsHarness(address(0));
    }

    // ------------------------------------------------------------------ helpers

    function _own(address who, uint256 cell) internal {
        vm.prank(who);
        plots.buy(cell, PRICE);
    }

    function _ownAndList(address who, uint256 cell, uint256 price) internal {
        _own(who, cell);
        vm.prank(who);
        plots.list(cell, price, uint64(block.timestamp + 1 days));
    }
}

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Plots} from "../src/Plots.sol";

/// @dev Deploys Plots with a zero token to reach the constructor check.
contract PlotsHarness is Plots {
    constructor(address hxa_) Plots(IERC20(hxa_), address(1), address(1), 1) {}
}
