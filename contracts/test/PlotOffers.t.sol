// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IPlots} from "../src/interfaces/IPlots.sol";
import {Base} from "./Base.t.sol";

/// @dev Offers on plots: HXA escrowed by Plots until the owner accepts, the buyer cancels, or a dead
/// offer (expired, or its plot changed hands) is returned.
contract PlotOffersTest is Base {
    uint256 internal constant OTHER = 0x871fb4663ffffff;
    uint64 internal expiry;

    function setUp() public override {
        super.setUp();
        expiry = uint64(block.timestamp + 7 days);
        vm.prank(alice);
        plots.buy(PARIS, PRICE);
    }

    // ------------------------------------------------------------------ makeOffer

    function test_makeOffer_escrowsOnAnUnlistedPlot() public {
        uint256 bobBefore = token.balanceOf(bob);
        vm.expectEmit(address(plots));
        emit IPlots.OfferMade(PARIS, bob, alice, 50e18, expiry);
        vm.prank(bob);
        plots.makeOffer(PARIS, 50e18, expiry);
        IPlots.Offer memory o = plots.offerOf(PARIS, bob);
        assertEq(o.seller, alice);
        assertEq(o.amount, 50e18);
        assertEq(o.expiry, expiry);
        assertEq(bobBefore - token.balanceOf(bob), 50e18);
        assertEq(token.balanceOf(address(plots)), 50e18);
    }

    function test_makeOffer_onAListedPlotLeavesTheListing() public {
        vm.prank(alice);
        plots.list(PARIS, 80e18, expiry);
        vm.prank(bob);
        plots.makeOffer(PARIS, 60e18, expiry);
        assertEq(plots.listingOf(PARIS).price, 80e18);
        assertEq(plots.offerOf(PARIS, bob).amount, 60e18);
    }

    function test_makeOffer_revertsCases() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OTHER));
        vm.prank(bob);
        plots.makeOffer(OTHER, 1e18, expiry);

        vm.expectRevert(abi.encodeWithSelector(IPlots.OwnPlotOffer.selector, PARIS));
        vm.prank(alice);
        plots.makeOffer(PARIS, 1e18, expiry);

        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidPrice.selector, 0));
        vm.prank(bob);
        plots.makeOffer(PARIS, 0, expiry);

        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidPrice.selector, tooBig));
        vm.prank(bob);
        plots.makeOffer(PARIS, tooBig, expiry);

        vm.expectRevert(abi.encodeWithSelector(IPlots.InvalidExpiry.selector, uint64(block.timestamp)));
        vm.prank(bob);
        plots.makeOffer(PARIS, 1e18, uint64(block.timestamp));
        assertEq(token.balanceOf(address(plots)), 0);
    }

    function test_makeOffer_raisePullsAndLowerRefundsTheDifference() public {
        uint256 bobBefore = token.balanceOf(bob);
        vm.startPrank(bob);
        plots.makeOffer(PARIS, 30e18, expiry);
        plots.makeOffer(PARIS, 45e18, expiry + 1);
        assertEq(bobBefore - token.balanceOf(bob), 45e18);
        plots.makeOffer(PARIS, 20e18, expiry);
        vm.stopPrank();
        assertEq(bobBefore - token.balanceOf(bob), 20e18);
        assertEq(token.balanceOf(address(plots)), 20e18);
        assertEq(plots.offerOf(PARIS, bob).amount, 20e18);
    }

    function test_makeOfferWithPermit_needsNoApprove() public {
        vm.prank(carol);
        plots.buy(OTHER, PRICE);
        vm.prank(alice);
        token.approve(address(plots), 0);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = permitSig(aliceKey, address(plots), 12e18, deadline);
        vm.prank(alice);
        plots.makeOfferWithPermit(OTHER, 12e18, expiry, deadline, v, r, s);
        assertEq(plots.offerOf(OTHER, alice).amount, 12e18);
        assertEq(token.balanceOf(address(plots)), 12e18);
    }

    // ------------------------------------------------------------------ cancelOffer

    function test_cancelOffer_refundsLiveOrDead() public {
        vm.prank(bob);
        plots.makeOffer(PARIS, 30e18, expiry);
        vm.prank(carol);
        plots.makeOffer(PARIS, 40e18, expiry);
        uint256 bobBefore = token.balanceOf(bob);
        vm.expectEmit(address(plots));
        emit IPlots.OfferCancelled(PARIS, bob, 30e18);
        vm.prank(bob);
        plots.cancelOffer(PARIS);
        assertEq(token.balanceOf(bob) - bobBefore, 30e18);
        assertEq(plots.offerOf(PARIS, bob).amount, 0);

        // Expired and the plot gone elsewhere: still the buyer's to take back.
        vm.prank(alice);
        plots.transferFrom(alice, bob, PARIS);
        vm.warp(expiry + 1);
        uint256 carolBefore = token.balanceOf(carol);
        vm.prank(carol);
        plots.cancelOffer(PARIS);
        assertEq(token.balanceOf(carol) - carolBefore, 40e18);
        assertEq(token.balanceOf(address(plots)), 0);

        vm.expectRevert(abi.encodeWithSelector(IPlots.NoOffer.selector, PARIS, carol));
        vm.prank(carol);
        plots.cancelOffer(PARIS);
    }

    // ------------------------------------------------------------------ acceptOffer

    function test_acceptOffer_sellsInOneTransaction() public {
        vm.prank(alice);
        plots.list(PARIS, 500e18, expiry);
        vm.prank(bob);
        plots.makeOffer(PARIS, 100e18, expiry);
        uint256 aliceBefore = token.balanceOf(alice);
        uint256 treasuryBefore = token.balanceOf(treasury);

        vm.expectEmit(address(plots));
        emit IPlots.OfferAccepted(PARIS, alice, bob, 100e18, 2.5e18);
        vm.expectEmit(address(plots));
        emit IPlots.PlotSold(PARIS, alice, bob, 100e18, 2.5e18);
        vm.expectEmit(address(plots));
        emit IPlots.ListingCancelled(PARIS, alice);
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 97.5e18);

        assertEq(plots.ownerOf(PARIS), bob);
        assertEq(token.balanceOf(alice) - aliceBefore, 97.5e18);
        assertEq(token.balanceOf(treasury) - treasuryBefore, 2.5e18);
        assertEq(token.balanceOf(address(plots)), 0);
        assertEq(plots.offerOf(PARIS, bob).amount, 0);
        assertEq(plots.listingOf(PARIS).seller, address(0));
    }

    function test_acceptOffer_revertsCases() public {
        vm.expectRevert(abi.encodeWithSelector(IPlots.NoOffer.selector, PARIS, bob));
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 0);

        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, carol, alice));
        vm.prank(carol);
        plots.acceptOffer(PARIS, bob, 0);

        // The seller asked for at least what it was shown (9.75 of 10); the buyer lowered in flight.
        vm.prank(bob);
        plots.makeOffer(PARIS, 9e18, expiry);
        vm.expectRevert(abi.encodeWithSelector(IPlots.ProceedsBelowMin.selector, PARIS, 8.775e18, 9.75e18));
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 9.75e18);

        // Same offer, the admin raised the fee in flight.
        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.prank(admin);
        plots.setMarketFee(1000);
        vm.expectRevert(abi.encodeWithSelector(IPlots.ProceedsBelowMin.selector, PARIS, 9e18, 9.75e18));
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 9.75e18);

        vm.warp(expiry + 1);
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferExpired.selector, PARIS, bob, expiry));
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 0);
        assertEq(plots.ownerOf(PARIS), alice);
        assertEq(token.balanceOf(address(plots)), 10e18);
    }

    function test_acceptOffer_transferKillsOffersToTheEarlierOwner() public {
        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.prank(alice);
        plots.transferFrom(alice, carol, PARIS);
        // The new owner never saw the offer; the old one no longer owns the plot.
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferNotToOwner.selector, PARIS, bob, alice));
        vm.prank(carol);
        plots.acceptOffer(PARIS, bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NotPlotOwner.selector, PARIS, alice, carol));
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 0);
        // The buyer now owning the plot cannot sell it to itself through its old offer.
        vm.prank(carol);
        plots.transferFrom(carol, bob, PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferNotToOwner.selector, PARIS, bob, alice));
        vm.prank(bob);
        plots.acceptOffer(PARIS, bob, 0);
        // Re-offering to the new owner makes it live again, for the difference only.
        vm.prank(bob);
        plots.transferFrom(bob, carol, PARIS);
        vm.prank(bob);
        plots.makeOffer(PARIS, 12e18, expiry);
        vm.prank(carol);
        plots.acceptOffer(PARIS, bob, 0);
        assertEq(plots.ownerOf(PARIS), bob);
        assertEq(token.balanceOf(address(plots)), 0);
    }

    function test_acceptOffer_leavesOtherOffersWithdrawable() public {
        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.prank(carol);
        plots.makeOffer(PARIS, 20e18, expiry);
        vm.prank(alice);
        plots.acceptOffer(PARIS, carol, 0);
        // Bob's offer was to alice, who sold: it is dead and anyone may send it home.
        uint256 bobBefore = token.balanceOf(bob);
        vm.expectEmit(address(plots));
        emit IPlots.OfferWithdrawn(PARIS, bob, 10e18);
        vm.prank(carol);
        plots.withdrawOffer(PARIS, bob);
        assertEq(token.balanceOf(bob) - bobBefore, 10e18);
        assertEq(token.balanceOf(address(plots)), 0);
    }

    // ------------------------------------------------------------------ withdrawOffer

    function test_withdrawOffer_onlyOnceDead() public {
        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferStillLive.selector, PARIS, bob));
        plots.withdrawOffer(PARIS, bob);
        vm.warp(expiry); // the last second it can still be accepted
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferStillLive.selector, PARIS, bob));
        plots.withdrawOffer(PARIS, bob);

        vm.warp(expiry + 1);
        uint256 bobBefore = token.balanceOf(bob);
        plots.withdrawOffer(PARIS, bob); // anyone: the HXA only goes to the buyer
        assertEq(token.balanceOf(bob) - bobBefore, 10e18);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NoOffer.selector, PARIS, bob));
        plots.withdrawOffer(PARIS, bob);
    }

    /// @dev An offer is made to an owner, not to a moment: the plot coming back to that owner makes the
    /// offer acceptable again unless someone returned it meanwhile.
    function test_withdrawOffer_plotBackWithTheOwnerItWasMadeTo() public {
        vm.prank(bob);
        plots.makeOffer(PARIS, 10e18, expiry);
        vm.prank(alice);
        plots.transferFrom(alice, carol, PARIS);
        vm.prank(carol);
        plots.transferFrom(carol, alice, PARIS);
        vm.expectRevert(abi.encodeWithSelector(IPlots.OfferStillLive.selector, PARIS, bob));
        plots.withdrawOffer(PARIS, bob);
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, 0);
        assertEq(plots.ownerOf(PARIS), bob);
    }

    // ------------------------------------------------------------------ fuzz

    function testFuzz_makeOffer_replaceMovesOnlyTheDifference(uint96 first, uint96 second) public {
        first = uint96(bound(first, 1, 1_000_000e18));
        second = uint96(bound(second, 1, 1_000_000e18));
        uint256 bobBefore = token.balanceOf(bob);
        vm.startPrank(bob);
        plots.makeOffer(PARIS, first, expiry);
        plots.makeOffer(PARIS, second, expiry);
        vm.stopPrank();
        assertEq(bobBefore - token.balanceOf(bob), second);
        assertEq(token.balanceOf(address(plots)), second);
        assertEq(plots.offerOf(PARIS, bob).amount, second);
    }

    function testFuzz_acceptOffer_paysAmountMinusFee(uint96 amount, uint16 feeBps, uint64 ttl) public {
        amount = uint96(bound(amount, 1, 1_000_000e18));
        feeBps = uint16(bound(feeBps, 0, plots.MAX_FEE_BPS()));
        ttl = uint64(bound(ttl, 1, 365 days));
        vm.prank(admin);
        plots.setMarketFee(feeBps);
        vm.prank(bob);
        plots.makeOffer(PARIS, amount, uint64(block.timestamp) + ttl);
        uint256 fee = uint256(amount) * feeBps / 10_000;
        uint256 total = token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(treasury)
            + token.balanceOf(address(plots));
        uint256 aliceBefore = token.balanceOf(alice);
        uint256 treasuryBefore = token.balanceOf(treasury);
        vm.warp(block.timestamp + ttl); // accepted at the last second it may be
        vm.prank(alice);
        plots.acceptOffer(PARIS, bob, amount - fee);
        assertEq(token.balanceOf(alice) - aliceBefore, amount - fee);
        assertEq(token.balanceOf(treasury) - treasuryBefore, fee);
        assertEq(token.balanceOf(address(plots)), 0);
        assertEq(
            token.balanceOf(alice) + token.balanceOf(bob) + token.balanceOf(treasury)
                + token.balanceOf(address(plots)),
            total
        );
    }

    /// @dev Whatever happens to the plot (kept, sold, gifted, expired), the buyer gets its HXA back
    /// exactly once: by cancelling, or anyone returning a dead offer.
    function testFuzz_offerAlwaysComesBackOnce(uint96 amount, uint8 fate, uint32 wait) public {
        amount = uint96(bound(amount, 1, 1_000_000e18));
        uint256 bobBefore = token.balanceOf(bob);
        vm.prank(bob);
        plots.makeOffer(PARIS, amount, expiry);
        fate %= 3;
        if (fate == 1) {
            vm.prank(alice);
            plots.transferFrom(alice, carol, PARIS);
        } else if (fate == 2) {
            vm.prank(alice);
            plots.list(PARIS, 1e18, expiry);
            vm.prank(carol);
            plots.buyListed(PARIS, 1e18);
        }
        vm.warp(block.timestamp + wait);
        bool dead = fate != 0 || block.timestamp > expiry;
        if (dead) {
            plots.withdrawOffer(PARIS, bob);
        } else {
            vm.prank(bob);
            plots.cancelOffer(PARIS);
        }
        assertEq(token.balanceOf(bob), bobBefore);
        assertEq(token.balanceOf(address(plots)), 0);
        vm.expectRevert(abi.encodeWithSelector(IPlots.NoOffer.selector, PARIS, bob));
        vm.prank(bob);
        plots.cancelOffer(PARIS);
    }
}
